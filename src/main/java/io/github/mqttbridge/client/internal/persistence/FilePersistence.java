package io.github.mqttbridge.client.internal.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Session state in files under one directory, one append-only log per client id. */
public final class FilePersistence implements SessionStoreFactory {
    private final Path directory;
    private final boolean syncEveryWrite;

    public FilePersistence(Path directory, boolean syncEveryWrite) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        this.directory = directory;
        this.syncEveryWrite = syncEveryWrite;
    }

    @Override
    public SessionStore open(String clientId) throws IOException {
        Files.createDirectories(directory);
        return new FileSessionStore(directory.resolve(fileName(clientId)), syncEveryWrite);
    }

    /** A file name that is safe on every file system and distinct for distinct client ids. */
    static String fileName(String clientId) {
        StringBuilder sb = new StringBuilder("session-");
        for (char c : clientId.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                sb.append(c);
            } else {
                sb.append('_').append(String.format("%04x", (int) c));
            }
        }
        return sb.append(".log").toString();
    }

    @Override
    public String toString() {
        return "file:" + directory + (syncEveryWrite ? " (sync every write)" : "");
    }
}
