package org.wakuchat.app.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.app.camera.GStreamerHelp.Os;

class GStreamerHelpTest {

    @Test
    void aMissingGStreamerIsExplainedWithTheCommandForTheSystem() {
        assertThat(GStreamerHelp.notInstalled(Os.LINUX)).contains("sudo apt install gstreamer1.0-plugins-good");
        assertThat(GStreamerHelp.notInstalled(Os.MAC)).contains("brew install gstreamer");
        assertThat(GStreamerHelp.notInstalled(Os.WINDOWS)).contains("gstreamer.freedesktop.org");
        assertThat(GStreamerHelp.pluginsMissing(Os.LINUX, List.of("videoconvert")))
                .contains("lacks videoconvert").contains("gstreamer1.0-plugins-base");
    }

    @Test
    void pipelineErrorsAreSortedIntoBusyPermissionAndOther() {
        assertThat(GStreamerHelp.pipelineError(Os.LINUX, "Device '/dev/video0' is busy").reason())
                .isEqualTo(CameraException.Reason.BUSY);
        CameraException denied = GStreamerHelp.pipelineError(Os.LINUX, "Could not open device '/dev/video0' for reading and writing.");
        assertThat(denied.reason()).isEqualTo(CameraException.Reason.PERMISSION_DENIED);
        assertThat(denied.getMessage()).contains("'video' group");
        assertThat(GStreamerHelp.pipelineError(Os.MAC, "Device video access permission has just been denied").getMessage())
                .contains("Privacy & Security › Camera");
        CameraException other = GStreamerHelp.pipelineError(Os.LINUX, "Internal data stream error.");
        assertThat(other.reason()).isEqualTo(CameraException.Reason.FAILED);
        assertThat(other.getMessage()).contains("Internal data stream error.");
    }

    @Test
    void libraryFoldersAreOnlyAddedWhereTheyExist() {
        assertThat(GStreamerHelp.libraryFolders(Os.LINUX, null)).isEmpty();
        assertThat(GStreamerHelp.libraryFolders(Os.WINDOWS, "/no/such/gstreamer")).isEmpty();
    }
}
