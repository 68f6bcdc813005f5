package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.program.contract.PrivacyContract;
import io.github.loyaltyrules.program.contract.RedactionScanContract;

/** The redaction scan over the JDBC stores on H2: no planted value in a message, toString or log line. */
class JdbcRedactionScanH2Test extends RedactionScanContract {

    @Override
    protected PrivacyContract.Stores newStores() {
        return JdbcPrivacyH2Test.stores(Databases.freshH2());
    }
}
