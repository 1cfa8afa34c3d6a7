import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('undefined-expectations', {
  flagged: [{ name: 'nothing written', partner: { agreement: { written: false } }, severity: 'medium', message: /Written agreement: no/, evidence: ['partner.agreement.written'] }],
  passed: [{ name: 'written, with expectations', partner: { agreement: { written: true, expectationsDefined: true } } }],
  unknown: [{ name: 'written, expectations not known', partner: { agreement: { written: true } }, missing: ['partner.agreement.expectationsDefined'] }],
});
