import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('absorbing-partner-mistakes', {
  flagged: [
    { name: 'we absorbed a loss on their mistake', partner: { investments: [{ by: 'us', kind: 'absorbed-loss', amount: 12000 }] }, severity: 'high', message: /absorbed \$12,000/, evidence: ['partner.investments'] },
    { name: 'quoting errors are paid by us', partner: { investments: [], agreement: { quotingErrorsPaidBy: 'us' } }, severity: 'high', message: /paid by: us/, evidence: ['partner.agreement.quotingErrorsPaidBy'] },
  ],
  passed: [{ name: 'no losses, and the partner pays for its quoting errors', partner: { investments: [], agreement: { quotingErrorsPaidBy: 'partner' } } }],
  unknown: [{ name: 'no losses, but who pays for quoting errors is not known', partner: { investments: [] }, missing: ['partner.agreement.quotingErrorsPaidBy'] }],
});
