import { canonicalJson } from './canonical-json.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';
import { NeuralBank } from './neural-bank.ts';
import { StreamBank } from './stream-bank.ts';

/**
 * Finds the shared bank of a neural configuration: models created with equal configurations
 * (same kind, shapes and training settings) share one bank, hence one kernel, hence one batched
 * call per tick. Banks hold plain typed arrays (no tensors), so an unused bank costs only its
 * freed slots. A stateful configuration gets a {@link StreamBank}.
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
      bank =
        arch.stream === undefined
          ? new NeuralBank(arch)
          : new StreamBank({ ...arch, stream: arch.stream });
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
