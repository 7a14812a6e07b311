package no.ledger.core.shared;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link RuleViolation} by its rule name and field, for fixtures' {@code expectException}. */
public final class BrokenRule extends TypeSafeMatcher<RuleViolation> {

    private final String rule;
    private final String field;

    private BrokenRule(String rule, String field) {
        this.rule = rule;
        this.field = field;
    }

    public static Matcher<RuleViolation> brokenRule(String rule, String field) {
        return new BrokenRule(rule, field);
    }

    @Override
    protected boolean matchesSafely(RuleViolation violation) {
        return violation.rule().equals(rule) && java.util.Objects.equals(violation.field(), field);
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("rule '" + rule + "' broken on field '" + field + "'");
    }

    @Override
    protected void describeMismatchSafely(RuleViolation violation, Description mismatch) {
        mismatch.appendText("was rule '" + violation.rule() + "' on field '" + violation.field() + "': "
                + violation.getMessage());
    }
}
