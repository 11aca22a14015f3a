import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// Pages load lazily behind the sign-in check; give findBy* room on a busy machine.
configure({ asyncUtilTimeout: 5000 });
