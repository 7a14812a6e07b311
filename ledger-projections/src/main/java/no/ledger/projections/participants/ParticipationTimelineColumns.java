package no.ledger.projections.participants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.projections.timeline.TimelineColumns;

/** The participation_timeline table: a participation's {@link ParticipantStatus} over both times. */
public final class ParticipationTimelineColumns extends TimelineColumns<ParticipationKey, ParticipantStatus> {


    static final List<String> VALUE_COLUMNS = List.of("declaration", "agreement", "via_option", "extended_deadline",
            "invited_on", "signed_on", "withdrawn_on", "extension_granted_on", "option_entered_on",
            "option_expires_on", "option_exercised_on", "option_lapsed_on", "commitment_entered_on");

    // After the columns it is made of: static fields are set in order.
    public static final ParticipationTimelineColumns TIMELINE = new ParticipationTimelineColumns();

    private ParticipationTimelineColumns() {
        super("participation_timeline", List.of("programme_id", "number"), VALUE_COLUMNS);
    }

    @Override
    protected Object[] keyParameters(ParticipationKey key) {
        return new Object[] {key.programmeId(), key.number()};
    }

    @Override
    protected Object[] valueParameters(ParticipantStatus status) {
        return new Object[] {status.declaration().name(), status.agreement().name(), status.viaOption(),
                status.extendedDeadline(), status.invitedOn(), status.signedOn(), status.withdrawnOn(),
                status.extensionGrantedOn(), status.optionEnteredOn(), status.optionExpiresOn(),
                status.optionExercisedOn(), status.optionLapsedOn(), status.commitmentEnteredOn()};
    }

    @Override
    protected ParticipantStatus readValue(ResultSet row) throws SQLException {
        return read(row);
    }

    /** Reads the value columns of a row; shared with the queries. */
    static ParticipantStatus read(ResultSet row) throws SQLException {
        return new ParticipantStatus(DeclarationStatus.valueOf(row.getString("declaration")),
                AgreementStatus.valueOf(row.getString("agreement")), row.getBoolean("via_option"),
                date(row, "extended_deadline"), date(row, "invited_on"), date(row, "signed_on"),
                date(row, "withdrawn_on"), date(row, "extension_granted_on"), date(row, "option_entered_on"),
                date(row, "option_expires_on"), date(row, "option_exercised_on"), date(row, "option_lapsed_on"),
                date(row, "commitment_entered_on"));
    }

    private static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }
}
