package io.github.mqttbridge.interop;

/** How one cell of the compatibility table came out, and the footnote it carries, if any. */
record CellOutcome(Kind kind, String note) {

    enum Kind {
        /** Our client and the broker do what MQTT 3.1.1 says. */
        PASSED("✔"),
        /** The broker departs from the spec or from what users expect; the cell proved our client copes. */
        BROKER_FAULT("broker fault"),
        /** Our client mishandles this today; the cell is disabled until the fix lands. */
        OUR_DEFECT("✘"),
        /** The cell failed in this run. */
        FAILED("✘"),
        /** The broker is not installed here. */
        SKIPPED("–");

        private final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    static CellOutcome of(Kind kind) {
        return new CellOutcome(kind, "");
    }
}
