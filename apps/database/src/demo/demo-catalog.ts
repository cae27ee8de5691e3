/** The demo installation of design section 5: two branches, their people, result codes. */

import type { UserRole } from '#libs/entities';

export const DEMO_PASSWORD = 'Demo-1234';

export const DEMO_BRANCHES = [
  { code: 'JKT01', name: 'Jakarta Pusat', latitude: -6.1865, longitude: 106.8341 },
  { code: 'BDG01', name: 'Bandung Kota', latitude: -6.9147, longitude: 107.6098 },
] as const;

export const DEMO_USERS = [
  { username: 'admin', fullName: 'Administrator Sistem', role: 'admin', branch: null, receiptPrefix: null, employeeCode: null },
  { username: 'supervisor1', fullName: 'Rina Wulandari', role: 'supervisor', branch: 'JKT01', receiptPrefix: null, employeeCode: null },
  { username: 'collector1', fullName: 'Agus Setiawan', role: 'collector', branch: 'JKT01', receiptPrefix: 'KWJ1', employeeCode: 'DEMO0001' },
  { username: 'collector2', fullName: 'Dewi Lestari', role: 'collector', branch: 'JKT01', receiptPrefix: 'KWJ2', employeeCode: 'DEMO0002' },
  { username: 'supervisor2', fullName: 'Bambang Hidayat', role: 'supervisor', branch: 'BDG01', receiptPrefix: null, employeeCode: null },
  { username: 'collector3', fullName: 'Siti Rahmawati', role: 'collector', branch: 'BDG01', receiptPrefix: 'KWB1', employeeCode: 'DEMO0003' },
] as const;

type DemoUser = { username: string; fullName: string; role: UserRole; branch: string | null; receiptPrefix: string | null; employeeCode: string | null };

/**
 * The demo people when `DEMO_COLLECTORS` asks for more collectors than the three named ones:
 * `collector4`, `collector5`, ... taking turns between the branches, each with a receipt prefix of its own.
 */
export function demoPeople(collectors: number): readonly DemoUser[] {
  const named = DEMO_USERS.filter((person) => person.role === 'collector').length;
  const generated = Array.from({ length: Math.max(0, collectors - named) }, (_, index): DemoUser => {
    const number = named + index + 1;
    return {
      username: `collector${number}`,
      fullName: `Kolektor ${number}`,
      role: 'collector',
      branch: DEMO_BRANCHES[number % DEMO_BRANCHES.length].code,
      receiptPrefix: `KC${String(number).padStart(5, '0')}`,
      employeeCode: `DEMO${String(number).padStart(4, '0')}`,
    };
  });
  return [...DEMO_USERS, ...generated];
}

/** What each outcome must carry; the server enforces it on every visit. */
export const DEMO_RESULT_CODES = [
  { code: 'PAID', label: 'Bayar penuh (paid in full)', requiresPayment: true, requiresPromise: false, requiresGps: true, minPhotos: 1 },
  { code: 'PARTIAL', label: 'Bayar sebagian (partial payment)', requiresPayment: true, requiresPromise: false, requiresGps: true, minPhotos: 1 },
  { code: 'PTP', label: 'Janji bayar (promise to pay)', requiresPayment: false, requiresPromise: true, requiresGps: true, minPhotos: 1 },
  { code: 'NOT_MET', label: 'Debitur tidak ditemui (debtor not met)', requiresPayment: false, requiresPromise: false, requiresGps: true, minPhotos: 1 },
  { code: 'HOUSE_EMPTY', label: 'Rumah kosong (house empty)', requiresPayment: false, requiresPromise: false, requiresGps: true, minPhotos: 1 },
  { code: 'MOVED', label: 'Pindah alamat (moved)', requiresPayment: false, requiresPromise: false, requiresGps: true, minPhotos: 1 },
  { code: 'REFUSED', label: 'Menolak bayar (refused to pay)', requiresPayment: false, requiresPromise: false, requiresGps: true, minPhotos: 0 },
] as const;

/** The generator's seed: the same demo data on every machine. */
export const DEMO_SEED = 20261128;
