import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('repeated-try-and-buy-losses', {
  flagged: [{ name: 'three loans, no sale', partner: { conduct: { failedTryAndBuys: 3 } }, severity: 'high', message: /^3 try-and-buy loans/, evidence: ['partner.conduct.failedTryAndBuys'] }],
  passed: [{ name: 'one', partner: { conduct: { failedTryAndBuys: 1 } } }],
  unknown: [{ name: 'not recorded', partner: {}, missing: ['partner.conduct.failedTryAndBuys'] }],
});
