"""/api/: the human documentation, drawn from the OpenAPI schema by the portal
itself (no documentation viewer from elsewhere, no script)."""

from django.shortcuts import render

from api.schema import public_schema


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "type": parameter.get("schema", {}).get("type", ""),
                            "choices": parameter.get("schema", {}).get("enum", []),
                            "description": parameter.get("description", ""),
                            "required": parameter.get("required", False),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return operations


def api_docs(request):
    schema = public_schema()
    return render(
        request,
        "api/docs.html",
        {"info": schema["info"], "operations": _operations(schema)},
    )
