import * as m001 from './001-initial.js';
import * as m002 from './002-transfusion-equipment.js';
import * as m003 from './003-dmd-medicines.js';
import * as m004 from './004-audit-hmac.js';
import * as m005 from './005-sign-in-lockout.js';
import * as m006 from './006-plain-nhs-number.js';
import * as m007 from './007-session-idle.js';
import * as m008 from './008-round.js';
import * as m009 from './009-compliance.js';
import * as m010 from './010-radar-settings.js';
import * as m012 from './012-fhir-exchange.js';
import * as m013 from './013-fhir-inbound.js';
import * as m014 from './014-dose-given.js';
import * as m015 from './015-order-holds.js';
import * as m016 from './016-ward-round-times.js';
import * as m017 from './017-prn-review-rules.js';
import * as m018 from './018-device-context-per-nurse.js';

/** Numbered migrations, applied in order; never edit one that has shipped, add the next. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [{ version: 1, ...m001 }, { version: 2, ...m002 }, { version: 3, ...m003 }, { version: 4, ...m004 }, { version: 5, ...m005 }, { version: 6, ...m006 }, { version: 7, ...m007 }, { version: 8, ...m008 }, { version: 9, ...m009 }, { version: 10, ...m010 }, { version: 12, ...m012 }, { version: 13, ...m013 }, { version: 14, ...m014 }, { version: 15, ...m015 }, { version: 16, ...m016 }, { version: 17, ...m017 }, { version: 18, ...m018 }];
