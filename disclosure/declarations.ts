import { TABLE_DECLARATIONS, type TableDeclaration } from '../model/tableDeclarations.js';
import type { Config } from '../schemas/config.js';

/**
 * The table declarations a run used, from its config. The one place disclosure/ (the audit, joint protection)
 * takes the declarations from: when declarations become data in the config, only this body changes.
 */
export function declarationsOf(_config: Pick<Config, 'language'> | Config): readonly TableDeclaration[] {
  return TABLE_DECLARATIONS;
}
