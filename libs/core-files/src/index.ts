export { CORE_FILE_COLUMNS, CORE_FILE_NAMES, CORE_FILE_TABLES, coreTableOfFile, type CoreFileColumn, type CoreFileTable } from './core-file-columns.js';
export { CoreFileFormatError, readCoreFile, type CoreFileRow } from './core-file.reader.js';
export { generateCoreLoad, generatedEmployeeCode, type CoreLoadPlan, type GeneratedBranch } from './core-load.generator.js';
