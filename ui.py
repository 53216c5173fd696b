"""The robot's browser UI: `python ui.py [--host H] [--port P] [--auth USER:PASS]
[--backend openai --base-url URL]`."""

from persona.webui.app import build_app

if __name__ == "__main__":
    from persona.webui.launch import main

    raise SystemExit(main(build_app))

demo = build_app()  # for `gradio ui.py` and importers: configured from PERSONA_* variables
