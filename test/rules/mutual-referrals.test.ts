import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('mutual-referrals', {
  flagged: [{ name: 'three each way', partner: { value: { referralsToUs: 3, referralsFromUs: 3 } }, severity: 'green', message: /sent us 3 opportunities and we sent them 3/, evidence: ['partner.value.referralsToUs'] }],
  passed: [{ name: 'none to us', partner: { value: { referralsToUs: 0 } } }],
  unknown: [{ name: 'what we sent is not known', partner: { value: { referralsToUs: 3 } }, missing: ['partner.value.referralsFromUs'] }],
});
