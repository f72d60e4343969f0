package de.wattos.analytics.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The counters of rollup rows: what a batch of events adds to one row (written by {@link RollupWriter}), and the sum
 * of stored rows over a bucket or period (read by {@link KpiQuery}). One class, so that a new counter is added once.
 */
final class Totals {

    long conversations;
    long answers;
    long noAnswers;
    long unfinished;
    long feedbackUp;
    long feedbackDown;
    long solvedYes;
    long solvedNo;
    long citations;
    long inputTokens;
    long outputTokens;
    long latencyMsSum;
    long ttftMsSum;
    long ttftCount;
    final long[] latencyHist = new long[LatencyHistogram.SIZE];
    final long[] ttftHist = new long[LatencyHistogram.SIZE];

    /** Adds a row of {@code analytics_hourly} or {@code analytics_daily} selected with the columns of {@link KpiQuery#COLUMNS}. */
    void add(ResultSet rs) throws SQLException {
        conversations += rs.getLong("conversations");
        answers += rs.getLong("answers");
        noAnswers += rs.getLong("no_answers");
        unfinished += rs.getLong("unfinished");
        feedbackUp += rs.getLong("feedback_up");
        feedbackDown += rs.getLong("feedback_down");
        solvedYes += rs.getLong("solved_yes");
        solvedNo += rs.getLong("solved_no");
        citations += rs.getLong("citations");
        inputTokens += rs.getLong("input_tokens");
        outputTokens += rs.getLong("output_tokens");
        latencyMsSum += rs.getLong("latency_ms_sum");
        ttftMsSum += rs.getLong("ttft_ms_sum");
        ttftCount += rs.getLong("ttft_count");
        addArray(rs.getArray("latency_hist"), latencyHist);
        addArray(rs.getArray("ttft_hist"), ttftHist);
    }

    void add(Totals o) {
        conversations += o.conversations;
        answers += o.answers;
        noAnswers += o.noAnswers;
        unfinished += o.unfinished;
        feedbackUp += o.feedbackUp;
        feedbackDown += o.feedbackDown;
        solvedYes += o.solvedYes;
        solvedNo += o.solvedNo;
        citations += o.citations;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        latencyMsSum += o.latencyMsSum;
        ttftMsSum += o.ttftMsSum;
        ttftCount += o.ttftCount;
        for (int i = 0; i < LatencyHistogram.SIZE; i++) {
            latencyHist[i] += o.latencyHist[i];
            ttftHist[i] += o.ttftHist[i];
        }
    }

    private static void addArray(Array array, long[] into) throws SQLException {
        if (array == null) {
            return;
        }
        Object[] values = (Object[]) array.getArray();
        for (int i = 0; i < values.length && i < into.length; i++) {
            if (values[i] != null) {
                into[i] += ((Number) values[i]).longValue();
            }
        }
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    Double answerRate() {
        return ratio(answers - noAnswers - unfinished, answers);
    }

    Double noAnswerRate() {
        return ratio(noAnswers, answers);
    }

    Double completionRate() {
        return ratio(answers - unfinished, answers);
    }

    Double averageTurns() {
        return conversations == 0 ? null : Math.round(answers * 100.0 / conversations) / 100.0;
    }

    Double csat() {
        return ratio(feedbackUp, feedbackUp + feedbackDown);
    }

    Double solvedRate() {
        return ratio(solvedYes, solvedYes + solvedNo);
    }

    Double citationsPerAnswer() {
        return answers == 0 ? null : Math.round(citations * 100.0 / answers) / 100.0;
    }

    Long latencyP(double q) {
        return LatencyHistogram.percentile(latencyHist, q);
    }

    Long ttftP(double q) {
        return LatencyHistogram.percentile(ttftHist, q);
    }
}
