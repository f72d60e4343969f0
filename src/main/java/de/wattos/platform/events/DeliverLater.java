package de.wattos.platform.events;

/**
 * Thrown by an event listener that cannot take an event yet but will later (what it builds on has not arrived): the
 * event publication stays incomplete and is delivered again. An expected retry, logged as such, never as an error.
 */
public class DeliverLater extends RuntimeException {

    public DeliverLater(String message) {
        super(message, null, false, false);
    }
}
