import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('low-engagement', {
  flagged: [{ name: 'absent and silent', partner: { engagement: { attendsOurEvents: false, readsOurUpdates: false, contactEveryDays: 120 } }, severity: 'medium', message: /every 120 days/, evidence: ['partner.engagement.contactEveryDays'] }],
  passed: [{ name: 'they come to our events', partner: { engagement: { attendsOurEvents: true } } }],
  unknown: [{ name: 'absent, but how often we talk is not known', partner: { engagement: { attendsOurEvents: false, readsOurUpdates: false } }, missing: ['partner.engagement.contactEveryDays'] }],
});
