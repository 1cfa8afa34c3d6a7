import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('absorbing-partner-mistakes', {
  flagged: [
    { name: 'we absorbed a loss on their mistake', partner: { investments: [{ by: 'us', kind: 'absorbed-loss', amount: 12000 }] }, severity: 'high', message: /^We have absorbed \$12,000 of the partner's losses\.$/, evidence: ['partner.investments'] },
    { name: 'quoting errors are paid by us', partner: { investments: [], agreement: { quotingErrorsPaidBy: 'us' } }, severity: 'high', message: /^The agreement says we pay for the partner's quoting errors\.$/, evidence: ['partner.agreement.quotingErrorsPaidBy'] },
    { name: 'nobody agreed who pays, and a loss absorbed', partner: { investments: [{ by: 'us', kind: 'absorbed-loss', amount: 5000 }], agreement: { quotingErrorsPaidBy: 'unspecified' } }, severity: 'high', message: /^We have absorbed \$5,000 of the partner's losses\. Nobody agreed who pays when the partner's quote or specification is wrong\.$/ },
    // The hollow flag: no loss absorbed, and nothing else known, must not read "$0".
    { name: 'nobody agreed who pays, nothing else known', partner: { agreement: { quotingErrorsPaidBy: 'unspecified' } }, severity: 'high', message: /^Nobody agreed who pays when the partner's quote or specification is wrong\.$/ },
  ],
  passed: [{ name: 'no losses, and the partner pays for its quoting errors', partner: { investments: [], agreement: { quotingErrorsPaidBy: 'partner' } } }],
  unknown: [{ name: 'no losses, but who pays for quoting errors is not known', partner: { investments: [] }, missing: ['partner.agreement.quotingErrorsPaidBy'] }],
});
