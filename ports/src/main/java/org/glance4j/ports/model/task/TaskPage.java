package org.glance4j.ports.model.task;

import java.util.List;

/** One page of a task list and the marker of the next page ({@code null} when this page is the last). */
public record TaskPage(List<Task> tasks, String nextMarker) {
    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}
