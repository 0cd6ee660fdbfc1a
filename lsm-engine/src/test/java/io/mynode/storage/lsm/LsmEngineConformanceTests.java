package io.mynode.storage.lsm;

import io.mynode.kernel.storage.DurableStorageEngineContract;

/** The kernel's whole storage conformance suite, unchanged, against provider {@code lsm} with default settings. */
class LsmEngineConformanceTests extends DurableStorageEngineContract {
    @Override
    protected String providerName() {
        return "lsm";
    }
}
