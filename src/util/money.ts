// Money as reports and rule messages print it: "$48,000", "€1,200", "12,000 CHF".

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CAD: 'CA$', AUD: 'A$', INR: '₹', CNY: 'CN¥' };

/** 1234567.8 → "1,234,568". Intl.NumberFormat would do it, at ~20 ms of ICU start-up per run. */
export function groupThousands(value: number, decimals = 0): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 && Number(whole) + Number(fraction ?? 0) > 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** An amount in a currency (ISO 4217 code): a symbol for the common ones, else the code after it. */
export function formatMoney(amount: number, currency: string): string {
  // Cents only below a unit: a token $0.40 must not print as "$0".
  const digits = groupThousands(amount, amount !== 0 && Math.abs(amount) < 1 ? 2 : 0);
  const symbol = SYMBOLS[currency];
  if (!symbol) return `${digits} ${currency}`;
  return digits.startsWith('-') ? `-${symbol}${digits.slice(1)}` : `${symbol}${digits}`;
}
