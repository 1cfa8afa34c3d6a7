import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('stale-review', {
  flagged: [{ name: 'reviewed in January', partner: { reviewed: '2026-01-01' }, severity: 'low', message: /325 days ago \(2026-01-01\)/, evidence: ['partner.reviewed'] }],
  passed: [
    { name: 'reviewed three weeks ago', partner: { reviewed: '2026-11-01' } },
    { name: 'exactly 180 days is still recent', partner: { reviewed: '2026-05-26' } },
  ],
  unknown: [{ name: 'never reviewed', partner: {}, missing: ['partner.reviewed'] }],
});
