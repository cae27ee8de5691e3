export { CORE_FILE_COLUMNS, CORE_FILE_NAMES, CORE_FILE_TABLES, coreTableOfFile, type CoreFileColumn, type CoreFileTable } from './core-file-columns.js';
export { chunkCoreFile, CoreFileFormatError, parseCoreColumns, type CoreFileChunk, type CoreFileColumns } from './core-file.chunker.js';
export { generateCoreLoad, generatedEmployeeCode, type CoreLoadPlan, type GeneratedBranch } from './core-load.generator.js';
