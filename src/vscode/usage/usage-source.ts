import type * as vscode from 'vscode';
import type { UsageView } from '../../shared/protocol';

/**
 * What the panel's Usage view reads: the totals as the view shows them, and when they changed (a count
 * from this window or another, a pricing or budget change). The usage service provides it.
 */
export interface UsageSource {
  view(): UsageView;
  readonly onDidChange: vscode.Event<void>;
}
