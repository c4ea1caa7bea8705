"""FHIR R4 adapter: read a Bundle into a person, write an assessment as a Bundle."""
