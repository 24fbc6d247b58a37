package io.signalbox.scoring.model;

/** The kinds of model Signalbox trains. */
public enum ModelKind {
    /** The baseline: logistic regression on standardised inputs. */
    LOGISTIC_REGRESSION("logistic_regression"),
    /** Gradient-boosted trees (XGBoost) with SHAP explanations. */
    XGBOOST("xgboost");

    private final String wireName;

    ModelKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ModelKind fromWireName(String text) {
        for (ModelKind kind : values()) {
            if (kind.wireName.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("model must be logistic_regression or xgboost, was '" + text + "'");
    }
}
