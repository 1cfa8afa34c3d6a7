import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('traffic-to-competitors', {
  flagged: [{ name: 'our results page links competitors', partner: { marketing: { linksCompetitorsFromOurContent: true } }, severity: 'high', message: /links visitors to our competitors/, evidence: ['partner.marketing.linksCompetitorsFromOurContent'] }],
  passed: [{ name: 'it does not', partner: { marketing: { linksCompetitorsFromOurContent: false } } }],
  unknown: [{ name: 'nobody checked', partner: {}, missing: ['partner.marketing.linksCompetitorsFromOurContent'] }],
});
