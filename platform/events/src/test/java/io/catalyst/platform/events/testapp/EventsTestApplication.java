package io.catalyst.platform.events.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny service of the "testing" kind: orders whose placement is an event, and a projection consuming them. */
@SpringBootApplication
public class EventsTestApplication {}
