package io.debabelizer.select;

import java.util.List;

/**
 * The outcome of provider selection and why: the chosen provider, the rule that chose it, and every candidate
 * considered with its verdict.
 *
 * @param provider   the chosen provider's name
 * @param rule       which rule decided: EXPLICIT, PREFERRED, AUTO, FIRST_AVAILABLE
 * @param reason     one sentence for people
 * @param candidates all providers considered, in the order they were ranked
 */
public record Selection(String provider, Rule rule, String reason, List<Candidate> candidates) {

    public Selection {
        candidates = List.copyOf(candidates);
    }

    public enum Rule {
        EXPLICIT, PREFERRED, AUTO, FIRST_AVAILABLE
    }

    /**
     * @param provider name
     * @param eligible whether it could serve the request
     * @param verdict  why it is (in)eligible, or its score explanation
     * @param score    auto-selection score (higher wins), NaN when not scored
     */
    public record Candidate(String provider, boolean eligible, String verdict, double score) {
    }

    /** Multi-line human explanation, for the CLI's --explain and logs. */
    public String explain() {
        StringBuilder sb = new StringBuilder("chose ").append(provider).append(" (").append(rule.name()
                .toLowerCase(java.util.Locale.ROOT)).append("): ").append(reason);
        for (Candidate c : candidates) {
            sb.append(System.lineSeparator()).append("  ").append(c.eligible() ? "+ " : "- ").append(c.provider())
                    .append(": ").append(c.verdict());
        }
        return sb.toString();
    }
}
