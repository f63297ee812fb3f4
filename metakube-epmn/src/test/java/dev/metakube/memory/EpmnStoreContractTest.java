package dev.metakube.memory;

import dev.metakube.contract.MemoryStoreContract;
import dev.metakube.spi.MemoryStore;

/** The contract, in memory. */
class EpmnStoreContractTest extends MemoryStoreContract {
    @Override
    protected MemoryStore createStore() {
        return EpmnStore.open(null, EpmnSettings.defaults());
    }
}
