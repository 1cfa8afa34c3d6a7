import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('mutual-referrals', {
  flagged: [{ name: 'three each way', partner: { value: { referralsToUs: 3, referralsFromUs: 3 } }, severity: 'green', message: /sent us 3 opportunities and we sent them 3/, evidence: ['partner.value.referralsToUs'] }],
  passed: [
    { name: 'none to us', partner: { value: { referralsToUs: 0 } } },
    { name: 'one each way in a month: a rate, not a pattern', partner: { value: { referralsToUs: 1, referralsFromUs: 1, windowMonths: 1 } } },
    // Thirty out and two back is one-way-value, not a two-way street.
    { name: 'thirty out, two back', partner: { value: { referralsToUs: 2, referralsFromUs: 30 } } },
  ],
  unknown: [{ name: 'what we sent is not known', partner: { value: { referralsToUs: 3 } }, missing: ['partner.value.referralsFromUs'] }],
});
