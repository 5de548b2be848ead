"""Course glue: answers store, settings, course content, build and nbgrader integration."""
