import { canonicalJson } from './canonical-json.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';
import { NeuralBank } from './neural-bank.ts';

/**
 * Finds the shared bank of a neural configuration: models created with equal configurations
 * (same kind, shapes and training settings) share one bank, hence one kernel, hence one batched
 * call per tick. Banks hold plain typed arrays (no tensors), so an unused bank costs only its
 * freed slots.
 *
 * @example
 * const banks = new BankRegistry();
 * banks.bankFor(createLstmArchitecture(cfg)) === banks.bankFor(createLstmArchitecture(cfg)); // true
 */
export class BankRegistry {
  private readonly banks = new Map<string, NeuralBank>();

  bankFor(arch: NeuralArchitecture): NeuralBank {
    const key = canonicalJson(arch.config);
    let bank = this.banks.get(key);
    if (bank === undefined) {
      bank = new NeuralBank(arch);
      this.banks.set(key, bank);
    }
    return bank;
  }

  /** Every bank created so far. */
  all(): NeuralBank[] {
    return [...this.banks.values()];
  }
}

/** The registry `createModel` uses unless given another one. */
export const DEFAULT_BANKS = new BankRegistry();
