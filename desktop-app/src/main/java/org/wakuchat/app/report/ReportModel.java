package org.wakuchat.app.report;

import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportPeriod;

final class ReportModel {

    /** A choice of the contact selector: everyone (no id) or one conversation, by the name shown. */
    record ContactChoice(Optional<ConversationId> conversation, String name) {
        static final ContactChoice EVERYONE = new ContactChoice(Optional.empty(), "All contacts");

        @Override
        public String toString() {
            return name;
        }
    }

    final ObjectProperty<ReportPeriod> period = new SimpleObjectProperty<>(ReportPeriod.LAST_7_DAYS);
    final ObservableList<ContactChoice> contacts = FXCollections.observableArrayList(ContactChoice.EVERYONE);
    final ObjectProperty<ContactChoice> contact = new SimpleObjectProperty<>(ContactChoice.EVERYONE);
    /** The report shown; null until the first one is made. */
    final ObjectProperty<ReliabilityReport> report = new SimpleObjectProperty<>();
    /** A report is being made (the engine reads the whole message database for it). */
    final BooleanProperty busy = new SimpleBooleanProperty(true);
    final StringProperty error = new SimpleStringProperty("");
    /** What the last export wrote, and that it holds no content; empty before one. */
    final StringProperty exported = new SimpleStringProperty("");
}
