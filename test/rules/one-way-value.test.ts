import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('one-way-value', {
  flagged: [
    { name: 'two out and none back in one month', partner: { value: { referralsFromUs: 2, referralsToUs: 0, windowMonths: 1 } }, severity: 'high', message: /^We sent the partner 2 opportunities in the last month and got 0 back\.$/ },
    { name: 'six referrals out, one back', partner: { value: { referralsFromUs: 6, referralsToUs: 1 } }, severity: 'high', message: /sent the partner 6 opportunities .* got 1 back/, evidence: ['partner.value.referralsFromUs', 'partner.value.referralsToUs'] },
    // Six months of history counts for what it is: two out in six months is four a year.
    { name: 'two out and none back in six months', partner: { value: { referralsFromUs: 2, referralsToUs: 0, windowMonths: 6 } }, severity: 'high', message: /^We sent the partner 2 opportunities in the last 6 months and got 0 back\.$/ },
  ],
  passed: [
    { name: 'one out in a one-month window', partner: { value: { referralsFromUs: 1, referralsToUs: 0, windowMonths: 1 } } },
    { name: 'four out, two back', partner: { value: { referralsFromUs: 4, referralsToUs: 2 } } },
    { name: 'we sent too few for a pattern, whatever came back', partner: { value: { referralsFromUs: 2 } } },
    { name: 'two out and none back, over a year', partner: { value: { referralsFromUs: 2, referralsToUs: 0, windowMonths: 12 } } },
  ],
  unknown: [{ name: 'five out, and what came back is not known', partner: { value: { referralsFromUs: 5 } }, missing: ['partner.value.referralsToUs'] }],
});
