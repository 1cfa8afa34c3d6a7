import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('missing-backlink', {
  flagged: [
    { name: 'named without a link', partner: { marketing: { mentionsUs: true, linksToUs: false } }, severity: 'medium', message: /^They use our name or results without a link to us\.$/, evidence: ['partner.marketing.mentionsUs', 'partner.marketing.linksToUs'] },
    { name: 'linked, but not in their partner list', partner: { marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: false } }, severity: 'medium', message: /^They use our name or results, but do not list us as a partner\.$/ },
    { name: 'neither linked nor listed', partner: { marketing: { mentionsUs: true, linksToUs: false, listsUsAsPartner: false } }, severity: 'medium', message: /^They use our name or results without a link to us, and do not list us as a partner\.$/ },
  ],
  passed: [
    { name: 'they do not mention us at all', partner: { marketing: { mentionsUs: false } } },
    { name: 'mention, link and listing', partner: { marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: true } } },
  ],
  unknown: [{ name: 'a link, but the directory listing is not known', partner: { marketing: { mentionsUs: true, linksToUs: true } }, missing: ['partner.marketing.listsUsAsPartner'] }],
});
