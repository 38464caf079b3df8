import * as vscode from 'vscode';
import type { UiStrings } from '../../shared/protocol';
import { usageStrings } from '../usage/usage-strings';

/** Every word the chat panel shows, localised here (the webview has no l10n of its own). */
export function uiStrings(): UiStrings {
  return {
    placeholder: vscode.l10n.t('Ask about your code… (Enter to send, Shift+Enter for a new line)'),
    send: vscode.l10n.t('Send'), stop: vscode.l10n.t('Stop'), retry: vscode.l10n.t('Retry'), regenerate: vscode.l10n.t('Regenerate'), edit: vscode.l10n.t('Edit'), save: vscode.l10n.t('Save and resend'),
    cancel: vscode.l10n.t('Cancel'), copy: vscode.l10n.t('Copy'), copied: vscode.l10n.t('Copied'), copyAnswer: vscode.l10n.t('Copy answer'), insert: vscode.l10n.t('Insert at cursor'),
    openInEditor: vscode.l10n.t('Open in new editor'), newChat: vscode.l10n.t('New chat'), history: vscode.l10n.t('Chat history'), delete: vscode.l10n.t('Delete chat'),
    confirmDelete: vscode.l10n.t('Delete this chat?'), attachSelection: vscode.l10n.t('Attach selection'), attachFile: vscode.l10n.t('Attach file'),
    removeAttachment: vscode.l10n.t('Remove attachment'), waiting: vscode.l10n.t('Waiting for the first token…'), streaming: vscode.l10n.t('Answering…'),
    stalled: vscode.l10n.t('No data from the relay for {0} s. It may be stalled.'), reconnecting: vscode.l10n.t('Connection trouble: trying again ({0})…'),
    stopped: vscode.l10n.t('Stopped. The text so far is kept.'), incomplete: vscode.l10n.t('This answer may be cut off: the relay ended it without saying it was finished.'), answeredBy: vscode.l10n.t('answered by {0}'), tokens: vscode.l10n.t('{0} tokens'),
    tokensEstimated: vscode.l10n.t('≈{0} tokens (estimated)'), reasoningTokens: vscode.l10n.t('{0} of them reasoning'),
    cachedTokens: vscode.l10n.t('{0} of {1} prompt tokens cached'), ttft: vscode.l10n.t('first token after {0}'), speed: vscode.l10n.t('{0} tokens/s'),
    reasoning: vscode.l10n.t('Reasoning'),
    continue: vscode.l10n.t('Continue'), continueHint: vscode.l10n.t('Ask the model to go on from where the answer stopped. The text so far stays; only the rest is generated.'),
    continuing: vscode.l10n.t('Continuing where the answer stopped…'),
    noChats: vscode.l10n.t('No earlier chats.'), you: vscode.l10n.t('You'), assistant: vscode.l10n.t('Relay Chat'), model: vscode.l10n.t('Model: {0}'),
    fix_setApiKey: vscode.l10n.t('Set API Key'), fix_selectModel: vscode.l10n.t('Select Model'), fix_testConnection: vscode.l10n.t('Test Connection'),
    fix_retry: vscode.l10n.t('Retry'), fix_showLogs: vscode.l10n.t('Show Logs'), fix_openSettings: vscode.l10n.t('Open Settings'),
    ...welcomeStrings(),
    ...usageStrings(),
  };
}

/** The welcome of an empty chat: the three things to try. {0} is a key or an icon the panel fills in. */
function welcomeStrings(): UiStrings {
  return {
    welcomeTitle: vscode.l10n.t('Welcome to Relay Chat'),
    welcomeIntro: vscode.l10n.t('Three things to try:'),
    welcomeAsk: vscode.l10n.t('Ask a question'),
    welcomeAskHow: vscode.l10n.t('Type in the box below and press Enter. Answers stream in with code, lists and tables; attach the selection or a file with the buttons under the box.'),
    welcomeAskButton: vscode.l10n.t('Try an example question'),
    welcomeAskExample: vscode.l10n.t('What can you do in this editor? Show me an example.'),
    welcomeExplain: vscode.l10n.t('Explain Selection'),
    welcomeExplainHow: vscode.l10n.t('Select code in an editor and press {0}, or right-click it and choose Explain Selection.'),
    welcomeExplainButton: vscode.l10n.t('Explain the selection now'),
    welcomeInline: vscode.l10n.t('Inline suggestions'),
    welcomeInlineHow: vscode.l10n.t('Type in an editor and a suggestion appears as grey text: Tab accepts it, Esc dismisses it. The {0} item in the status bar turns them on or off.'),
    welcomeInlineButton: vscode.l10n.t('Turn on or off…'),
  };
}
