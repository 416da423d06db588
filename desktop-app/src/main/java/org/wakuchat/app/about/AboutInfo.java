package org.wakuchat.app.about;

import org.wakuchat.app.common.ThirdPartyNotices;
import org.wakuchat.libwaku.LibWakuCheck;

/** What the About dialog says; read once when it opens. */
record AboutInfo(String appVersion, String javaVersion, String javafxVersion, String nwakuVersion, String notices) {

    static AboutInfo current() {
        String app = AboutInfo.class.getPackage().getImplementationVersion();
        return new AboutInfo(app == null ? "development build" : app, System.getProperty("java.runtime.version"),
                System.getProperty("javafx.runtime.version", "?"), LibWakuCheck.Pinned.fromResource().version(),
                ThirdPartyNotices.text());
    }
}
