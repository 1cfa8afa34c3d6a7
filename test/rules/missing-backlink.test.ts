import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('missing-backlink', {
  flagged: [{ name: 'named without a link', partner: { marketing: { mentionsUs: true, linksToUs: false } }, severity: 'medium', message: /links to us: no; lists us as a partner: unknown/, evidence: ['partner.marketing.mentionsUs', 'partner.marketing.linksToUs'] }],
  passed: [
    { name: 'they do not mention us at all', partner: { marketing: { mentionsUs: false } } },
    { name: 'mention, link and listing', partner: { marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: true } } },
  ],
  unknown: [{ name: 'a link, but the directory listing is not known', partner: { marketing: { mentionsUs: true, linksToUs: true } }, missing: ['partner.marketing.listsUsAsPartner'] }],
});
