import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('clear-agreement', {
  flagged: [{ name: 'written, defined, shared errors', partner: { agreement: { written: true, expectationsDefined: true, quotingErrorsPaidBy: 'shared' } }, severity: 'green', message: /quoting errors are paid by: shared/, evidence: ['partner.agreement.written'] }],
  passed: [{ name: 'not written', partner: { agreement: { written: false } } }],
  unknown: [{ name: 'who pays for quoting errors not known', partner: { agreement: { written: true, expectationsDefined: true } }, missing: ['partner.agreement.quotingErrorsPaidBy'] }],
});
