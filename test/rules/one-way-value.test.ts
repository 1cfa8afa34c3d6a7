import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('one-way-value', {
  flagged: [
    { name: 'six referrals out, one back', partner: { value: { referralsFromUs: 6, referralsToUs: 1 } }, severity: 'high', message: /sent the partner 6 opportunities .* got 1 back/, evidence: ['partner.value.referralsFromUs', 'partner.value.referralsToUs'] },
  ],
  passed: [
    { name: 'four out, two back', partner: { value: { referralsFromUs: 4, referralsToUs: 2 } } },
    { name: 'we sent too few for a pattern, whatever came back', partner: { value: { referralsFromUs: 2 } } },
  ],
  unknown: [{ name: 'five out, and what came back is not known', partner: { value: { referralsFromUs: 5 } }, missing: ['partner.value.referralsToUs'] }],
});
