import { createAdministrationRepository } from './administrations/repository.js';
import { createAuditRepository } from './audit/repository.js';
import { createSessionRepository } from './auth/session-repository.js';
import { createStaffRepository } from './auth/staff-repository.js';
import type { Db } from './db/database.js';
import { createContextRepository } from './devices/context-repository.js';
import { createDmdRepository } from './dmd/repository.js';
import { createMedicationHistoryRepository } from './administrations/ingredients-repository.js';
import { createPatientRepository } from './patients/repository.js';
import { createPrescriptionRepository } from './prescriptions/repository.js';
import { createProductRepository } from './products/repository.js';
import { createScanRepository } from './scans/repository.js';
import { createEquipmentRepository } from './equipment/repository.js';
import { createTransfusionRepository } from './transfusion/repository.js';
import { createWardRepository } from './wards/repository.js';
import { createChartRepository } from './chart/repository.js';

/** Every repository over one database handle: SQL lives in these, nowhere else. */
export function createRepositories(db: Db) {
  // better-sqlite3 builds its wrapper functions on every db.transaction() call: build one, once.
  const transaction = db.transaction((work: () => unknown) => work());
  const dmd = createDmdRepository(db);
  return {
    db: db as Db,
    /** Runs `work` in one transaction (a savepoint inside another); it commits or rolls back as a whole. */
    transaction: <T>(work: () => T): T => transaction(work) as T,
    staff: createStaffRepository(db),
    sessions: createSessionRepository(db),
    wards: createWardRepository(db),
    patients: createPatientRepository(db),
    dmd,
    prescriptions: createPrescriptionRepository(db, dmd),
    products: createProductRepository(db, dmd),
    medicationHistory: createMedicationHistoryRepository(db),
    contexts: createContextRepository(db),
    scans: createScanRepository(db),
    administrations: createAdministrationRepository(db),
    audit: createAuditRepository(db),
    transfusions: createTransfusionRepository(db),
    equipment: createEquipmentRepository(db),
    chart: createChartRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
