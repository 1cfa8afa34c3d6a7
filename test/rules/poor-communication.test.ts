import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('poor-communication', {
  flagged: [{ name: 'every 90 days', partner: { engagement: { contactEveryDays: 90 } }, severity: 'medium', message: /every 90 days/, evidence: ['partner.engagement.contactEveryDays'] }],
  passed: [{ name: 'monthly', partner: { engagement: { contactEveryDays: 30 } } }],
  unknown: [{ name: 'not known', partner: {}, missing: ['partner.engagement.contactEveryDays'] }],
});
