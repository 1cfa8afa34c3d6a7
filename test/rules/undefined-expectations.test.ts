import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('undefined-expectations', {
  flagged: [
    { name: 'nothing written', partner: { agreement: { written: false } }, severity: 'medium', message: /^Nothing is written down and signed\.$/, evidence: ['partner.agreement.written'] },
    { name: 'signed, but nothing agreed about scope or targets', partner: { agreement: { written: true, expectationsDefined: false } }, severity: 'medium', message: /^Scope, responsibilities and targets were not agreed up front\.$/ },
  ],
  passed: [{ name: 'written, with expectations', partner: { agreement: { written: true, expectationsDefined: true } } }],
  unknown: [{ name: 'written, expectations not known', partner: { agreement: { written: true } }, missing: ['partner.agreement.expectationsDefined'] }],
});
