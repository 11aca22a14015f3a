import { isFieldFilled } from '@uptake/shared';
import { companyName, DEMO_BLANK_VALUES, isDemoBlank, phoneNumber, slugOf, websiteOf } from './demo-values.util';
import { SeededRandom } from './demo-random.util';

describe(isDemoBlank.name, () => {
  it('agrees with isFieldFilled on every blank the demo writes', () => {
    for (const value of DEMO_BLANK_VALUES) {
      expect(isDemoBlank(value)).toBe(true);
      expect(isFieldFilled(value)).toBe(false);
    }
  });

  it('agrees with isFieldFilled on the values the demo writes for filled fields', () => {
    const random = new SeededRandom(7);
    const company = companyName(random, 'APAC');
    for (const value of [company, websiteOf(slugOf(company)), phoneNumber(random, 'EMEA'), 'Manufacturing']) {
      expect(isDemoBlank(value)).toBe(false);
      expect(isFieldFilled(value)).toBe(true);
    }
  });
});

describe(slugOf.name, () => {
  it('turns a company name into a domain label', () => {
    expect(slugOf('Apex Foods SA de CV')).toBe('apex-foods-sa-de-cv');
    expect(slugOf('Orion Bank Pty Ltd')).toBe('orion-bank-pty-ltd');
  });
});
