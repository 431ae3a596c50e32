// Photo gallery: a lightbox on top of plain links to each photo's own page.
// Without JavaScript (or without <dialog>) the links simply open that page.
// The dialog is modal: Tab stays inside, Escape closes it, the arrow keys go to
// the previous and next photo (round the album), and the focus returns to the photo it came from.
(function () {
  "use strict";

  var dialog = document.getElementById("lightbox");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var image = dialog.querySelector("[data-lightbox-image]");
  var caption = dialog.querySelector("[data-lightbox-caption]");
  var title = dialog.querySelector("[data-lightbox-title]");
  var pageLink = dialog.querySelector("[data-lightbox-page]");
  var previousButton = dialog.querySelector("[data-lightbox-previous]");
  var nextButton = dialog.querySelector("[data-lightbox-next]");
  var links = [];
  var current = -1;
  var opener = null;

  function show(index) {
    var link = links[index];
    var thumbnail = link.querySelector("img");
    current = index;
    image.src = link.dataset.src;
    image.width = Number(link.dataset.width);
    image.height = Number(link.dataset.height);
    image.alt = thumbnail ? thumbnail.alt : "";
    caption.textContent = link.dataset.caption || "";
    caption.hidden = !link.dataset.caption;
    title.textContent = title.dataset.template
      .replace("{number}", String(index + 1))
      .replace("{total}", String(links.length));
    pageLink.href = link.href;
  }

  // Round the album: after the last photo comes the first (no button is ever
  // disabled, so the focus never falls out of the dialog).
  function step(offset) {
    show((current + offset + links.length) % links.length);
  }

  function open(index, link) {
    opener = link;
    show(index);
    dialog.showModal();
    dialog.querySelector("[data-lightbox-close]").focus();
  }

  document.querySelectorAll("[data-gallery] [data-photo]").forEach(function (link) {
    links.push(link);
  });
  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return; // a new tab or window: the photo's own page
      }
      event.preventDefault();
      open(index, link);
    });
  });

  previousButton.addEventListener("click", function () {
    step(-1);
  });
  nextButton.addEventListener("click", function () {
    step(1);
  });
  dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") {
      step(-1);
    } else if (event.key === "ArrowRight") {
      step(1);
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      dialog.close();
    }
  });
  dialog.addEventListener("close", function () {
    image.src = "data:,";
    if (opener) {
      opener.focus();
    }
  });
})();
