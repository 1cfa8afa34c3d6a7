import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('co-marketing-with-links', {
  flagged: [{ name: 'mention, link, listing', partner: { marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: true } }, severity: 'green', message: /link to us and list us/, evidence: ['partner.marketing.linksToUs'] }],
  passed: [{ name: 'no mention', partner: { marketing: { mentionsUs: false } } }],
  unknown: [{ name: 'listing not known', partner: { marketing: { mentionsUs: true, linksToUs: true } }, missing: ['partner.marketing.listsUsAsPartner'] }],
});
