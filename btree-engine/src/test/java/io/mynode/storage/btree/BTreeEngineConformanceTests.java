package io.mynode.storage.btree;

import io.mynode.kernel.storage.DurableStorageEngineContract;

/** The kernel's storage conformance suite, unchanged, against provider {@code btree}. */
class BTreeEngineConformanceTests extends DurableStorageEngineContract {
    @Override
    protected String providerName() {
        return "btree";
    }
}
