// Starts Swagger UI on /api/docs. A file of its own, not inline HTML, so that the page's
// Content-Security-Policy can allow only scripts from this server (script-src 'self').

// The request body editor of "Try it out" is a <textarea> with no label (its title is empty
// unless the body is invalid): a name for screen readers (axe-core: label).
const NamedBodyEditor = function (system) {
  return {
    wrapComponents: {
      TextArea: (Original) => (props) =>
        system.React.createElement(Original, {
          ...props,
          "aria-label": props["aria-label"] || "Request body (JSON)",
        }),
    },
  };
};

window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    // Deep links put an <a> inside each operation's expand button: a link inside a button, which
    // screen readers cannot reach (axe-core: nested-interactive). Off: the button alone remains.
    deepLinking: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    plugins: [NamedBodyEditor],
    layout: "BaseLayout",
    // the light theme of the examples: the default (agate) prints numbers below 4.5:1 contrast
    syntaxHighlight: { theme: "idea" },
  });
});
