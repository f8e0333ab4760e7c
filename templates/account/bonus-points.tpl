<!-- IMPORT partials/account/header.tpl -->
<!-- IMPORT bonus/points.tpl -->
<!-- IMPORT partials/account/footer.tpl -->
