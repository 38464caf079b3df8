import type { UsageTotals } from '../../shared/protocol';

/** Numbers, money and days in the host's language (`UsageView.locale`), through Intl. */
export class UsageFormat {
  private readonly usd: Intl.NumberFormat;
  private readonly cents: Intl.NumberFormat;
  private readonly count: Intl.NumberFormat;
  private readonly compact: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private readonly shortDay: Intl.DateTimeFormat;
  private readonly longDay: Intl.DateTimeFormat;
  private readonly monthName: Intl.DateTimeFormat;

  constructor(locale: string) {
    const tag = supported(locale);
    this.usd = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' });
    // Below a cent, two decimals would say $0.00 for a day of inline completions: show what it cost.
    this.cents = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });
    this.count = new Intl.NumberFormat(tag);
    this.compact = new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 });
    this.percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
    this.shortDay = new Intl.DateTimeFormat(tag, { month: 'numeric', day: 'numeric' });
    this.longDay = new Intl.DateTimeFormat(tag, { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric' });
    this.monthName = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long' });
  }

  money(usd: number): string {
    return usd > 0 && usd < 0.01 ? this.cents.format(usd) : this.usd.format(usd);
  }

  tokens(n: number, compact = false): string {
    return (compact ? this.compact : this.count).format(n);
  }

  number(n: number): string {
    return this.count.format(n);
  }

  ratio(fraction: number): string {
    return this.percent.format(fraction);
  }

  /** A day as YYYY-MM-DD (a local calendar day): "11/22" short, "Sun, November 22, 2026" long. */
  day(day: string, long = false): string {
    return (long ? this.longDay : this.shortDay).format(localDate(day));
  }

  /** A month as YYYY-MM: "November 2026". */
  month(month: string): string {
    return this.monthName.format(localDate(`${month}-01`));
  }

  /** A period's cost, with "≈" when some of its counts are estimates. */
  cost(totals: Pick<UsageTotals, 'costUsd' | 'estimated'>): string {
    return (totals.estimated ? '≈' : '') + this.money(totals.costUsd);
  }
}

function localDate(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The host's language when Intl knows it, else the browser's default (a malformed tag would throw). */
function supported(locale: string): string | undefined {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale])[0];
  } catch {
    return undefined;
  }
}
