import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('joint-investment', {
  flagged: [{ name: 'they match more than half', partner: { investments: [{ by: 'us', kind: 'engineering', amount: 10000 }, { by: 'partner', kind: 'engineering', amount: 6000 }] }, severity: 'green', message: /put in \$6,000 against our \$10,000/, evidence: ['partner.investments'] }],
  passed: [{ name: 'they put in a tenth', partner: { investments: [{ by: 'us', kind: 'engineering', amount: 10000 }, { by: 'partner', kind: 'marketing', amount: 1000 }] } }],
  unknown: [{ name: 'no ledger', partner: {}, missing: ['partner.investments'] }],
});
